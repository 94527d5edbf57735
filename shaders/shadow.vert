#version 450 core
// Shadow map pass: depth from the light's orthographic view, plus the base
// colour UVs so alpha-masked (MASK) materials cast cut-out shadows.
layout(location = 0) in vec3 a_position;
layout(location = 2) in vec2 a_uv0;
layout(location = 5) in vec2 a_uv1;
layout(location = 0) uniform mat4 u_light_clip_from_model;
layout(location = 1) uniform mat3 u_uv_xform;
layout(location = 2) uniform int u_uv_set;

out vec2 v_uv;

void main()
{
    v_uv = (u_uv_xform * vec3(u_uv_set == 1 ? a_uv1 : a_uv0, 1.0)).xy;
    gl_Position = u_light_clip_from_model * vec4(a_position, 1.0);
}
