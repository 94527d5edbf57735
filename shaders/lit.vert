#version 450 core
// Lit mesh pass: positions and normals to world space for per-pixel lighting.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec2 a_uv;

layout(location = 0) uniform mat4 u_clip_from_world;
layout(location = 1) uniform mat4 u_world_from_model;
layout(location = 2) uniform mat3 u_normal_matrix;

out vec3 v_world_pos;
out vec3 v_normal;
out vec2 v_uv;

void main()
{
    vec4 world = u_world_from_model * vec4(a_position, 1.0);
    v_world_pos = world.xyz;
    v_normal = u_normal_matrix * a_normal;
    v_uv = a_uv;
    gl_Position = u_clip_from_world * world;
}
