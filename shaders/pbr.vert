#version 450 core
// PBR mesh pass (glTF metallic-roughness): world-space position, normal and
// tangent frame, both UV sets, vertex colour, and the position in the
// light's clip space for the shadow lookup.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv0;
layout(location = 3) in vec4 a_tangent;
layout(location = 4) in vec4 a_color;
layout(location = 5) in vec2 a_uv1;

layout(location = 0) uniform mat4 u_clip_from_world;
layout(location = 1) uniform mat4 u_world_from_model;
layout(location = 2) uniform mat3 u_normal_matrix;
layout(location = 3) uniform mat4 u_light_clip_from_world;

out vec3 v_world_pos;
out vec3 v_normal;
out vec4 v_tangent;
out vec2 v_uv0;
out vec2 v_uv1;
out vec4 v_color;
out vec4 v_light_clip;

void main()
{
    vec4 world = u_world_from_model * vec4(a_position, 1.0);
    v_world_pos = world.xyz;
    v_normal = u_normal_matrix * a_normal;
    v_tangent = vec4(mat3(u_world_from_model) * a_tangent.xyz, a_tangent.w);
    v_uv0 = a_uv0;
    v_uv1 = a_uv1;
    v_color = a_color;
    v_light_clip = u_light_clip_from_world * world;
    gl_Position = u_clip_from_world * world;
}
